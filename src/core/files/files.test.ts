import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { contentDisposition, safeFileName, sniffMediaType } from './files.ts';

describe('uploaded files', () => {
  test('recognises PDF, PNG and JPEG by their first bytes only', () => {
    assert.equal(sniffMediaType(new TextEncoder().encode('%PDF-1.7\n...')), 'application/pdf');
    assert.equal(
      sniffMediaType(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0])),
      'image/png',
    );
    assert.equal(sniffMediaType(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0])), 'image/jpeg');
    assert.equal(sniffMediaType(new TextEncoder().encode('<html><script>')), null);
    assert.equal(
      sniffMediaType(new TextEncoder().encode('MZ\x90\x00')),
      null,
      'an executable named .pdf is refused',
    );
    assert.equal(sniffMediaType(new Uint8Array()), null);
  });

  test('download names lose paths and dangerous characters and get the real extension', () => {
    assert.equal(safeFileName('../../etc/passwd', 'application/pdf'), 'passwd.pdf');
    assert.equal(safeFileName('C:\\Users\\x\\检测报告.exe', 'application/pdf'), '检测报告.pdf');
    assert.equal(safeFileName('photo.pdf', 'image/png'), 'photo.png');
    assert.equal(safeFileName('...', 'image/jpeg'), 'attachment.jpg');
    assert.equal(
      safeFileName('report\u202egnp.pdf', 'application/pdf'),
      'reportgnp.pdf',
      'no right-to-left override',
    );
  });

  test('any name becomes a short name with no separators or control characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (name) => {
        const s = safeFileName(name, 'application/pdf');
        assert.ok(s.endsWith('.pdf') && s.length <= 100);
        // biome-ignore lint/suspicious/noControlCharactersInRegex: checking their absence
        assert.ok(!/[\\/\u0000-\u001f<>:"|?*]/.test(s), s);
        assert.ok(!s.startsWith('.'));
        const header = contentDisposition(s);
        assert.ok(/^[\x20-\x7e]+$/.test(header), header);
      }),
    );
  });
});
