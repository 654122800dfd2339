/**
 * Pure predicates behind the Electron hardening, kept free of electron imports so they are unit-tested.
 */

/** IPC is answered only for the app's own page: the bundled renderer file, or the exact dev-server origin. */
export function isTrustedSenderUrl(
  raw: string | undefined,
  rendererIndexUrl: string,
  devServerUrl?: string,
): boolean {
  if (!raw) return false
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return false
  }
  if (devServerUrl) {
    try {
      if (url.origin === new URL(devServerUrl).origin && url.origin !== 'null') return true
    } catch {
      return false
    }
  }
  if (url.protocol !== 'file:') return false
  const expected = new URL(rendererIndexUrl)
  return url.pathname === expected.pathname
}

/** External links leave the app only as https, without credentials; the user confirms first. */
export function isSafeExternalUrl(raw: string): boolean {
  try {
    const url = new URL(raw)
    return url.protocol === 'https:' && !url.username && !url.password && url.hostname.length > 0
  } catch {
    return false
  }
}
