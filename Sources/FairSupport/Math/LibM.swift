#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The libm functions FairSupport and FairCore use, named in one place so that other files
/// need no platform imports (the engine has no package dependencies; only file persistence
/// imports FoundationEssentials, for JSON). `package`: the engine's modules share it, users
/// do not see it.
@usableFromInline
package enum LibM {
    @inlinable package static func log(_ x: Double) -> Double { Glibc_log(x) }
    @inlinable package static func exp(_ x: Double) -> Double { Glibc_exp(x) }
    @inlinable package static func cos(_ x: Double) -> Double { Glibc_cos(x) }
    @inlinable package static func pow(_ x: Double, _ y: Double) -> Double { Glibc_pow(x, y) }
    @inlinable package static func erfc(_ x: Double) -> Double { Glibc_erfc(x) }
}

@usableFromInline func Glibc_log(_ x: Double) -> Double { log(x) }
@usableFromInline func Glibc_exp(_ x: Double) -> Double { exp(x) }
@usableFromInline func Glibc_cos(_ x: Double) -> Double { cos(x) }
@usableFromInline func Glibc_pow(_ x: Double, _ y: Double) -> Double { pow(x, y) }
@usableFromInline func Glibc_erfc(_ x: Double) -> Double { erfc(x) }
