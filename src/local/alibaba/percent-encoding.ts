/**
 * The RFC 3986 encoding both Alibaba signature schemes sign with (reference §2.3). It differs from
 * the transport encoding the SDKs put on the wire, which is why the verifiers always decode the
 * query first and re-encode it with this function.
 */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}
