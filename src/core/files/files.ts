// What an uploaded file really is (by its first bytes, never by its name or the client's
// claim), and a download name that is safe in any browser and file system.

export type MediaType = 'application/pdf' | 'image/png' | 'image/jpeg';

const SIGNATURES: { type: MediaType; bytes: number[]; ext: string }[] = [
  { type: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], ext: 'pdf' }, // %PDF-
  { type: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], ext: 'png' },
  { type: 'image/jpeg', bytes: [0xff, 0xd8, 0xff], ext: 'jpg' },
];

/** The media type the bytes start with, or null when it is none we accept. */
export function sniffMediaType(bytes: Uint8Array): MediaType | null {
  for (const s of SIGNATURES) {
    if (bytes.length >= s.bytes.length && s.bytes.every((b, i) => bytes[i] === b)) return s.type;
  }
  return null;
}

export const extensionOf = (t: MediaType) => SIGNATURES.find((s) => s.type === t)!.ext;

/**
 * A safe download name: no directories, control or reserved characters, no leading dots,
 * at most 100 characters, and always the extension of the real type.
 */
export function safeFileName(name: string, type: MediaType): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const stem = base
    .replace(/\.[^.]*$/, '')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what we remove
    .replace(/[\u0000-\u001f\u007f<>:"|?*\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/^[.\s]+|[.\s]+$/g, '')
    .slice(0, 90);
  return `${stem || 'attachment'}.${extensionOf(type)}`;
}

/** Content-Disposition for a download, with an ASCII fallback and the UTF-8 name (RFC 6266/5987). */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
