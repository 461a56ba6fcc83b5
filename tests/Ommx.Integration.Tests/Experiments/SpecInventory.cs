namespace Ommx.Integration.Tests.Experiments;

/// <summary>
/// Where the behaviours of ../shared/spec/experiment.md §9 are tested, or why they do not apply yet.
/// </summary>
/// <remarks>
/// Covered: 1 (failed run reason) ExperimentTests.Run_BodyThrows_RecordedFailedWithNormalisedReasonAndRethrown ·
/// 2, 28 ExperimentTests.LogFile_StreamsStoresBasenameAndSniffsPng · 3-5 ExperimentTests.LogBytes_Zstd_StoredCompressedReadBackLogical ·
/// 8, 9 ExperimentTests.Load_MissingAttachment_KeyNotFound · 12, 16 CheckpointTests.ListExperiments_CountsAndPrefix,
/// ExperimentCatalogTests.List_TamperedConfigCache_RepairedWithWarningOrStrictError · 13, 47, 49, 50, 38
/// ExperimentArtifactReaderTests (extension keys, beta1 configs, solve ordering) · 14 ExperimentCatalogTests ·
/// 20, 22 ExperimentTests.Commit_RunsWithParametersAndJson_LoadsBackIdentically · 23 blobs are written by every log call
/// (Run.LogJson → BlobStore.Put) · 25, 26 ExperimentTests.DuplicateAttachmentName_RefusedBeforeBlobIsStored ·
/// 30 ExperimentTests.Commit_ManifestAndConfig_FollowOmmxLayout · 31 ExperimentTests.Load_NonExperimentArtifact_Refused ·
/// 32, 33, 59-61 RunParameterTableTests + ExperimentTests · 34 ExperimentTests.Fork_SubjectIsParentRunIdsContinueAnnotationsNotInherited ·
/// 39, 45, 46, 51-58 ExperimentArtifactReaderTests · 62-64 ExperimentTests.Create_NoName_AnonymousExperimentName ·
/// 68 ExperimentTests.Commit_WithOpenRun_Refused · 69, 86 ExperimentTests.LogOnCommittedExperiment_Refused,
/// Commit_NameTakenByOtherManifest_RefusedSayingSo, Commit_MixedParameterTypes_FailsAndHandleRefusesFurtherWork ·
/// 87-89 CheckpointTests (failed checkpoint, restore, draft) · 90-92 CheckpointTests.Journal_AfterDraftCompaction_RestoresDraftPlusLaterRuns,
/// EveryNRuns_Zero_Refused · 95 CheckpointTests.InterruptedCheckpoint_RecordsReasonAndOpenRunsAreNotIncluded ·
/// 96-98 ExperimentTests.Rename_* and CheckpointTests.Rename_WithDraft_MovesCheckpointToNewName · 99 ExperimentTests.SaveAndImportArchive_RoundTripIntoAnotherRegistry.
///
/// Solves, Samplings, diagnostics: 35 RunSolveTests.LogSolve_Commit_WritesOmmxSolveConfigAndLayerOrder · 36, 37
/// RunSampleTests (no feasible sample still finished; failed sampling) · 40 ExperimentArtifactReaderTests (output media types) ·
/// 41, 42 Run.AddSolve refuses unreserved and reused ids (ids are reserved inside LogSolve/LogSample/OpenSolve only) ·
/// 43, 44 SolveDiagnosticsTests · 11 TypedAttachmentTests (typed payloads; v1 written, v1/v2 read by media type).
///
/// Later issues: 10 (read-only blob dirs), 24, 27, 67 (traces); 100 (push) with the push/pull issue.
///
/// Not applicable to .NET: 6 (a caller cannot pass the compression annotation: the API has no annotation parameter);
/// 7 (streams are LogFile's only input); 15 (cache-write failure is covered for manifests in ArtifactCatalogTests);
/// 17-19 (registry-level, in Registry tests); 21 (ulong id space); 29 (System.Text.Json output; any JSON is valid);
/// 65, 70, 73-85, 101 (Rust drop semantics and Python context-manager details: a .NET Run is finished on Dispose,
/// and Experiment.Run(body) records an escaping exception as failed/interrupted); 93-94 (MinInterval timing is a
/// pure function, AutosavePolicy.IsDue). §9.2 Python-only behaviours (pandas dtypes, TypeError mapping) map to
/// compile-time types here.
/// </remarks>
internal static class SpecInventory;
