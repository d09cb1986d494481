#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The libm functions FairCore uses, named in one place so that other files need no platform
/// imports (FairCore has no package dependencies; only Persistence/ imports FoundationEssentials,
/// for JSON).
@usableFromInline
enum LibM {
    @inlinable static func log(_ x: Double) -> Double { Glibc_log(x) }
    @inlinable static func exp(_ x: Double) -> Double { Glibc_exp(x) }
    @inlinable static func cos(_ x: Double) -> Double { Glibc_cos(x) }
    @inlinable static func pow(_ x: Double, _ y: Double) -> Double { Glibc_pow(x, y) }
    @inlinable static func erfc(_ x: Double) -> Double { Glibc_erfc(x) }
}

@usableFromInline func Glibc_log(_ x: Double) -> Double { log(x) }
@usableFromInline func Glibc_exp(_ x: Double) -> Double { exp(x) }
@usableFromInline func Glibc_cos(_ x: Double) -> Double { cos(x) }
@usableFromInline func Glibc_pow(_ x: Double, _ y: Double) -> Double { pow(x, y) }
@usableFromInline func Glibc_erfc(_ x: Double) -> Double { erfc(x) }
