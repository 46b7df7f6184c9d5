// Whether PNG images carry a QR code (on by default): one setting for every chart menu and the long
// image, remembered for the browser tab's session.

const KEY = 'jianghai:png-qr';

function stored(): boolean {
  try {
    return sessionStorage.getItem(KEY) !== '0';
  } catch {
    // Storage can be refused (a third-party iframe under strict privacy settings): default on.
    return true;
  }
}

export const qrSetting = $state({ on: stored() });

/** Turns the QR code of PNG images on or off for this session. */
export function setQr(on: boolean): void {
  qrSetting.on = on;
  try {
    sessionStorage.setItem(KEY, on ? '1' : '0');
  } catch {
    // Remembered for this page only.
  }
}
