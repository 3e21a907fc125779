/**
 * A QR code as a `data:` image URL, made here with no network
 * (qrcode-generator, docs/decisions/0073-qr-codes-with-qrcode-generator.md);
 * the page's CSP already allows `img-src data:`.
 */
import qrcode from 'qrcode-generator';

/** Error correction M (15%) survives a creased or smudged printed sheet; 4 px modules print sharply at A4. */
export function qrDataUrl(text: string): string {
  const code = qrcode(0, 'M');
  code.addData(text, 'Byte');
  code.make();
  return code.createDataURL(4, 4);
}
