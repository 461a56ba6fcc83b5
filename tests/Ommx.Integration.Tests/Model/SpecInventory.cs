namespace Ommx.Integration.Tests.Model;

/// <summary>
/// Where the rules of ../shared/spec/model-protobuf.md are tested, or why they do not apply yet.
/// </summary>
/// <remarks>
/// §1 schemas (field numbers): every real archive and the corpus decode and re-encode byte-identically
/// (RealArchiveTests, CorpusTests); evaluated Solutions are message-equal to OMMX's (StoredSolutionCheck);
/// ParametricInstanceTests.FromBytes_FieldNumbers_FollowParametricInstanceNotInstance (G6) ·
/// §1.1 function parsing (any order, (i,j)+(j,i) summed, zeros dropped, non-finite and unset oneof rejected, zero written
/// as constant) FunctionCodecTests · §1.7 legacy flag rule SolutionTests.FromBytes_WithoutFeasibleRelaxed_ReadsLegacyMeaning ·
/// §2 v2 Instance/Solution/SampleSet/ParametricInstance reading and required_features V2DecodingTests, ParametricInstanceTests ·
/// §3 media-type dispatch FromLayer tests in InstanceTests, SolutionTests, V2DecodingTests ·
/// §4.1 tolerances and OMMX_DEFAULT_ATOL EvaluationTests, ToleranceEnvironmentTests · §4.2 bound normalization
/// InstanceTests.Create_IntegerBoundWithFractions_IsRoundedInwardWithTolerance, Create_ImpossibleBound_ThrowsNamingTheVariable ·
/// §4.3 function values FunctionTests, PropertyTests · §4.4 populate_state and flags EvaluationTests, PropertyTests,
/// corpus · §4.4 reader validation SolutionTests.FromBytes_* · §4.5 SampleSetTests, PropertyTests.EvaluateSamples_* ·
/// §5 RealArchiveTests.RandomLpInstance_Decode_ReadsVariablesConstraintsAndSense ·
/// G1 InstanceTests.FromBytes_VariableWithoutBound_ReadsBoundAsZeroZero, SolutionTests.ToBytes_EvaluatedSolution_WritesOmmxFlagsAndValues ·
/// G2 SolutionTests (flags), SampleSetTests (per-sample flags) · G3 SolutionTests.FromBytes_VariableWithoutAnyValue_Throws,
/// FromBytes_StateAndSubstitutedValueDisagree_Throws · G4 InstanceTests.FromBytes_InvalidField_ThrowsSayingWhy (format_version,
/// annotation) · G5 same theory (kind, equality, objective, oneof) and FromBytes_UnspecifiedSense_ReadsAsMinimize ·
/// G7 InstanceTests.Create_* and RealArchiveTests.LegacyRandomLpInstance_Decode_RejectsNamingTheUndefinedVariableId ·
/// G8 FunctionCodecTests.Read_QuadraticWithTransposedDuplicates_SumsThemIntoOneMonomial, corpus (unsorted COO, hash-ordered maps).
///
/// Not applicable here: G9 (archive container: Registry/Archives tests). Not supported yet: v2 indicator, one-hot and SOS1
/// constraints (rejected with a clear error, V2DecodingTests), writing v2, constraint hints (kept only for byte-identical
/// re-encoding of decoded v1 payloads).
/// </remarks>
internal static class SpecInventory;
