package vn.dancu.procedures.results;

/** A result as issued: the JSON record as a compact JWS and the PAdES-signed PDF. */
public record SignedResult(String jws, byte[] pdf) {
}
