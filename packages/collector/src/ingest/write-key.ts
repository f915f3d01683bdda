/**
 * The write key a request carries outside its body: HTTP Basic user name, `X-Write-Key`, or
 * `?writeKey=`. `sendBeacon` cannot set headers, so the body's `writeKey` is read later.
 */
export function writeKeyFromRequest(request: Request): string | undefined {
  const basic = basicUser(request.headers.get('authorization'));
  if (basic) return basic;

  const header = request.headers.get('x-write-key');
  if (header) return header;

  return new URL(request.url).searchParams.get('writeKey') || undefined;
}

function basicUser(authorization: string | null): string | undefined {
  const match = authorization ? /^Basic\s+(\S+)$/i.exec(authorization) : null;
  if (!match) return undefined;

  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  // The write key is the user name; Segment clients leave the password empty.
  const colon = decoded.indexOf(':');
  return (colon === -1 ? decoded : decoded.slice(0, colon)) || undefined;
}
