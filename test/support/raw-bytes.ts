import { randomBytes } from 'node:crypto';

/** Bytes that are not UTF-8 in any position: a lead byte never used, a BOM reversed, an overlong NUL. */
export const NOT_UTF8 = Buffer.from([0xff, 0xfe, 0xc0, 0x80]);

/** `text` as UTF-8 with each `placeholder` replaced by `bytes`: a body no JS string can spell. */
export function withBytes(text: string, placeholder: string, bytes: Buffer = NOT_UTF8): Buffer {
  const parts = text.split(placeholder);
  if (parts.length < 2) throw new Error(`no ${placeholder} in the text`);
  const pieces: Buffer[] = [];
  parts.forEach((part, i) => {
    if (i > 0) pieces.push(bytes);
    pieces.push(Buffer.from(part, 'utf8'));
  });
  return Buffer.concat(pieces);
}

/**
 * `length` random URL-safe characters. PostgreSQL compresses a long index entry before refusing
 * it, so a repeated character would fit where real, varied text does not.
 */
export function incompressible(length: number): string {
  return randomBytes(Math.ceil((length * 3) / 4) + 3)
    .toString('base64url')
    .slice(0, length);
}
