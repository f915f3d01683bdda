import type { Writable } from 'node:stream';

/** Writes one line and waits when the stream's buffer is full, so big exports stay flat. */
export function writeLine(stream: Writable, line: string): Promise<void> | void {
  if (stream.write(`${line}\n`)) return;
  return new Promise((resolve) => stream.once('drain', resolve));
}
