/** Saves text as a file through the browser's download path; works the same under Electron and Chromium. */
export function downloadText(filename: string, mimeType: string, content: string): void {
  const url = URL.createObjectURL(new Blob([content], { type: mimeType }))
  const a = document.createElement('a')
  a.href = url
  a.download = filename
  a.rel = 'noopener'
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/** Bytes for the API (base64 on both transports), with the verifier's one codec. */
export { toBase64 as bytesToBase64 } from '../../verifier/encoding/base64'
