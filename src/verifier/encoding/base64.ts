import { InputError } from '../../shared/errors'

/**
 * Standard base64 (RFC 4648 §4, with padding), the one codec for evidence raw items and for bytes crossing the
 * API (files the Inspector opens). Written here rather than with Buffer or btoa so the verifier runs the same
 * in Node, a worker and the renderer. Decoding is strict: only the 64 letters, padding only at the end, a
 * length that is a multiple of four, and zero bits where padding leaves bits over (so each byte string has
 * exactly one accepted text — a file cannot differ from another in its base64 alone).
 */
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

/** Letter code → 6-bit value, 255 for anything that is not one of the 64 letters. */
const DECODE = (() => {
  const t = new Uint8Array(128).fill(255)
  for (let i = 0; i < B64.length; i++) t[B64.charCodeAt(i)] = i
  return t
})()

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

const invalid = (): InputError => new InputError('invalid base64', 'evidence.invalid')

function letter(text: string, i: number): number {
  const code = text.charCodeAt(i)
  const v = code < 128 ? DECODE[code]! : 255
  if (v === 255) throw invalid()
  return v
}

export function fromBase64(text: string): Uint8Array {
  if (text.length % 4 !== 0) throw invalid()
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0
  const out = new Uint8Array((text.length / 4) * 3 - pad)
  const full = text.length - (pad > 0 ? 4 : 0)
  let o = 0
  for (let i = 0; i < full; i += 4) {
    const n =
      (letter(text, i) << 18) | (letter(text, i + 1) << 12) | (letter(text, i + 2) << 6) | letter(text, i + 3)
    out[o++] = n >> 16
    out[o++] = (n >> 8) & 0xff
    out[o++] = n & 0xff
  }
  if (pad > 0) {
    const a = letter(text, full)
    const b = letter(text, full + 1)
    if (pad === 2) {
      if ((b & 15) !== 0) throw invalid()
      out[o] = (a << 2) | (b >> 4)
    } else {
      const c = letter(text, full + 2)
      if ((c & 3) !== 0) throw invalid()
      out[o++] = (a << 2) | (b >> 4)
      out[o] = ((b & 15) << 4) | (c >> 2)
    }
  }
  return out
}
