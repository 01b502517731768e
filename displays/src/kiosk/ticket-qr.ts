/**
 * The QR code of a ticket as SVG markup, made in the browser (no canvas, so it prints sharp
 * at any resolution). Error correction M survives a smudged thermal print.
 */
import QRCode from 'qrcode';

export function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}
