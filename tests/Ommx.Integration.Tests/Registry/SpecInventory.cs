namespace Ommx.Integration.Tests.Registry;

/// <summary>
/// Where each behaviour of ../shared/spec/local-registry.md §9 is tested, or why it does not apply.
/// Numbers are the spec's inventory items.
/// </summary>
/// <remarks>
/// 1 LocalRegistryTests.ListImages_RawRowWithInvalidName_FailsNamingTheRow ·
/// 2 GarbageCollectorTests.Run_NoGrace_SplitsReachableFromOrphans ·
/// 3 GarbageCollectorTests.Run_DefaultGrace_FreshOrphanDeferred ·
/// 4 GarbageCollectorTests.Run_SubjectOfUnreferencedParent_KeepsParentClosureReachable ·
/// 5 GarbageCollectorTests.Run_Delete_RemovesOrphanKeepsReferencedAndTakesExclusionLock ·
/// 6 LocalRegistryTests.Remove_ExistingRef_ReturnsRowKeepsBlobsAndRestoreBringsItBack ·
/// 7 LocalRegistryTests.Restore_NameNowPointsElsewhere_RefusedAndRefKept ·
/// 8 Experiment restore + listing: arrives with the Experiments issue (needs Experiment artifacts) ·
/// 9, 10 LocalRegistryTests.Restore_ClosureBlobMissing_ErrorNamesItAndRefStaysAbsent ·
/// 11 LocalRegistryTests.Restore_ChildWhoseSubjectManifestIsGone_ErrorNamesParent ·
/// 12 AnonymousRefPrunerTests.Run_DryRunAndFilters_SelectOnlyMatchingAnonymousRefs ·
/// 13 AnonymousRefPrunerTests.CompareAndDelete_RefReplacedAfterSelection_Survives ·
/// 14 RegistryIndexTests.Open_FreshRoot_CreatesVersion2SchemaWithExactColumnsInWal + LocalRegistryTests.ListRefs_PrefixWithUnderscore_IsPlainPrefixNotWildcard ·
/// 15 RegistryIndexTests.CachePrune_QueryPlans_UseBothIndexes ·
/// 16 RegistryIndexTests.Open_Version1Database_MigratesKeepingRefsAndRegistryId ·
/// 17 RegistryIndexTests.Open_Version1WithoutUpdatedAt_FailsAndLeavesDatabaseUntouched ·
/// 18 RegistryIndexTests.Open_Version2WithOldRefsShape_NormalisesAndKeepsRef ·
/// 19 RegistryIndexTests.Open_UnknownVersion_Refused ·
/// 20 not applicable: our publish API derives the cache record from the stored manifest itself, so a
///    descriptor/cache digest mismatch cannot be expressed ·
/// 21, 49 LocalRegistryTests.Publish_TwoInstancesRaceForOneName_ExactlyOneWins ·
/// 22, 43 OciDirectoryImporterTests.Import_LayoutDirectory_KeepsNameDigestAndManifestBytes ·
/// 23 same test (descriptor annotations are not persisted) ·
/// 24-28, 42, 44 not implemented: `import-legacy` of OMMX v2 `&lt;host&gt;/&lt;repo&gt;/__&lt;tag&gt;` trees is a
///    migration path for v2 Python users, out of scope for a .NET writer ·
/// 29 ImageManifestTests.ToCanonicalJson_SpecExampleDraft_MatchesGoldenBytesAndDigest ·
/// 30 ArtifactCatalogTests.List_UpsertForUnreferencedManifest_PrunedToNothing ·
/// 31 ArtifactCatalogTests.ListingStages_ExactOmmxStrings ·
/// 32 ArtifactCatalogTests.List_Prefix_ReturnsRecordWithAnnotationsAndManifest ·
/// 33 ArtifactCatalogTests.List_CacheRowsDeleted_BackfilledSilentlyInByteOrder ·
/// 34 ArtifactSizeTests.Of_DuplicateLayerAndSubject_CountsManifestConfigAndUniqueLayersOnly ·
/// 35 ArtifactCatalogTests.List_CorruptCachedManifest_RepairedWithWarningOrStrictError ·
/// 36 ArtifactCatalogTests.List_CacheWriteFails_IsHardError ·
/// 37 ArtifactCatalogTests.List_CorruptRefRows_GoodRefListedAndThreeWarnings ·
/// 38 ArtifactCatalogTests.List_CorruptCacheAndMissingBlob_SkipsRefWithCasRepairFailed ·
/// 39 LocalRegistryTests.Publish_RefPointsElsewhere_ConflictedAndRefUntouched ·
/// 40 LocalRegistryTests.Replace_RefPointsElsewhere_MovesAndPrunesOldCacheRow ·
/// 41, 45 not applicable: in-process capability/memoisation details of the Rust handles ·
/// 46 subject descriptors are written as given (ImageManifestTests; Experiments fork tests later) ·
/// 47 legacy v2 config: imported verbatim by the archive/dir importers (no special case needed) ·
/// 48 OciDirectoryImporterTests.Import_ArtifactManifestDescriptor_Refused ·
/// 50 BlobStoreTests.Put_SameBytesFromFourThreads_AllConverge ·
/// 51 OciArchiveImporterTests.Import_SameNameDifferentContent_ConflictNamesBothDigests ·
/// 52 OciArchiveImporterTests.Import_RandomLpFixture_RowsMatchSpec (no v2 path created) ·
/// 53 OciArchiveImporterTests.Import_NoRefNameAnnotation_SynthesisesAnonymousName ·
/// 54 OciArchiveImporterTests.Import_DotSlashPrefixedEntries_ImportsUnderOriginalName ·
/// 55-58 pull: the push/pull issue ·
/// 59 OciArchiveExporterTests.Export_Artifact_WritesOmmxLayoutInOrderWithDeterministicHeaders ·
/// 60, 62-66, 79-85 typed payload layers and Python attachment helpers: the Experiments and payload issues ·
/// 61, 75, 76, 78 Python argument typing; the .NET equivalents are compile-time types, and
///    input validation before opening (durations, names) is in TextFormatsTests/ImageReferenceTests ·
/// 67 GarbageCollectorTests.Run_EmptyRegistry_ReportsNothing ·
/// 68, 72 AnonymousRefPrunerTests.Run_DryRunAndFilters_SelectOnlyMatchingAnonymousRefs ·
/// 69 AnonymousRefPrunerTests.Run_DeleteThenGc_ReclaimsUniquePayload ·
/// 70 LocalRegistryTests.Remove_ExistingRef_ReturnsRowKeepsBlobsAndRestoreBringsItBack ·
/// 71 LocalRegistryTests.Restore_NameNowPointsElsewhere_RefusedAndRefKept ·
/// 73, 74 TextFormatsTests.DurationText_Invalid_OmmxMessage ·
/// 77 LocalRegistryTests.ListImages_RawRowWithInvalidName_FailsNamingTheRow ·
/// 86-88 Experiment listing: the Experiments issue ·
/// 89 LocalRegistryTests.Restore_WhileGcHoldsExclusionLock_BlocksUntilReleased + GarbageCollectorTests.Run_Delete_WhileAnotherGcHoldsExclusionLock_Waits ·
/// 90 BlobStoreTests.Put_ExistingBlobWhileBlobsDirectoryReadOnly_Succeeds ·
/// 91 the mode of streamed blobs: BlobStoreTests.Put_NewBytes_StoresUnderLowerCaseDigestWithUmaskMode ·
/// 92 BlobStoreTests.Stage_WhileWriting_HoldsExactlyOnePrivateTempFile + PutStream_ReaderFails_AbortsAndLeavesNoTempFile ·
/// 93 not applicable: .NET retries EINTR inside FileStream ·
/// 94 Windows only ·
/// 95 ArtifactSizeTests.Of_SameDigestTwoSizes_ConflictingSizesError ·
/// 96 ImageReferenceTests · 97 ImageNamesTests · 98 ImageManifestTests ·
/// 99 legacy path encoding: not implemented (see 24) ·
/// 100 CLI: the command-line tool issue · 101 remote transport: the push/pull issue.
/// </remarks>
internal static class SpecInventory;
