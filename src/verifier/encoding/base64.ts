import { InputError } from '../../shared/errors'

/**
 * Standard base64 (RFC 4648 §4, with padding), the one codec for evidence raw items and for bytes crossing the
 * API (files the Inspector opens). Written here rather than with Buffer or btoa so the verifier runs the same
 * in Node, a worker and the renderer.
 */
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

export function toBase64(bytes: Uint8Array): string {
  const parts: string[] = []
  // Chunks of 3 × 8192 bytes keep the pieces short while the whole stays one join.
  for (let start = 0; start < bytes.length; start += 24_576) {
    let out = ''
    const end = Math.min(bytes.length, start + 24_576)
    for (let i = start; i < end; i += 3) {
      const a = bytes[i]!
      const b = i + 1 < end ? bytes[i + 1] : undefined
      const c = i + 2 < end ? bytes[i + 2] : undefined
      out += B64[a >> 2]! + B64[((a & 3) << 4) | ((b ?? 0) >> 4)]!
      out += b === undefined ? '=' : B64[((b & 15) << 2) | ((c ?? 0) >> 6)]!
      out += c === undefined ? '=' : B64[c & 63]!
    }
    parts.push(out)
  }
  return parts.join('')
}

export function fromBase64(text: string): Uint8Array {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0)
    throw new InputError('invalid base64', 'evidence.invalid')
  const clean = text.replace(/=+$/, '')
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4))
  let bits = 0
  let acc = 0
  let o = 0
  for (const ch of clean) {
    acc = (acc << 6) | B64.indexOf(ch)
    bits += 6
    if (bits >= 8) {
      bits -= 8
      out[o++] = (acc >> bits) & 0xff
    }
  }
  return out
}
