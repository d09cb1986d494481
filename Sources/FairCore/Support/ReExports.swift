/// FairCore's users get FairSupport's types (`GroupColumn`, `SeededGenerator`, `KeyedNoise`,
/// `AtomicFile`, `CancellationToken`) with `import FairCore`, as before they moved: group
/// columns and seeds are part of the repair's API. FairNet imports FairSupport alone.
@_exported import FairSupport
