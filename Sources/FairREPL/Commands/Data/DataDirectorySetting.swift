import FairData

/// Where real datasets are read from. Looked up in this order (the explicit choice first, as
/// `DataDirectory.resolve` does): `set data-dir DIR` in the session; then the `FAIR_DATA_DIR`
/// environment variable, which `fair --data-dir DIR` sets for the session it starts.
/// Relative paths are resolved against the working directory.
struct DataDirectorySetting {
    /// The directory, absolute.
    let path: String
    /// Where it was configured, for messages (`set data-dir`, `FAIR_DATA_DIR`).
    let origin: String

    static let settingKey = "data-dir"

    /// The configured directory, or nil when none is.
    static func current(settings: Settings, environment: InterpreterEnvironment) -> DataDirectorySetting? {
        if let chosen = settings[settingKey]?.text, !chosen.isEmpty {
            return DataDirectorySetting(path: environment.resolve(path: chosen), origin: "set data-dir")
        }
        if let variable = environment.variables[DataDirectory.environmentVariable], !variable.isEmpty {
            return DataDirectorySetting(path: environment.resolve(path: variable), origin: DataDirectory.environmentVariable)
        }
        return nil
    }

    /// How to configure one, for messages.
    static let howToConfigure =
        "set one with 'set data-dir DIR', the FAIR_DATA_DIR environment variable, or 'fair --data-dir DIR' (DIR holds compas/, uci-adult/, …)"

    static let spec = SettingSpec(
        settingKey, .text, default: .text(""),
        summary: "folder of the real datasets (overrides FAIR_DATA_DIR and fair --data-dir)", session: true)
}
