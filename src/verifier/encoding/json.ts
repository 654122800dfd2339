import { InputError } from '../../shared/errors'

/**
 * JSON parsing that keeps every integer exact. Prover keys carry u64 limbs above 2^53 and endpoints may send
 * bare numbers, so integers that are not safe as JS numbers become bigints. Depth and size are bounded,
 * because the text is untrusted.
 */
export type LosslessJson =
  null | boolean | number | bigint | string | LosslessJson[] | { [k: string]: LosslessJson }

export interface ParseLimits {
  maxDepth?: number
  maxLength?: number
}

const DEFAULT_MAX_DEPTH = 256
const DEFAULT_MAX_LENGTH = 256 * 1024 * 1024

export function parseJsonLossless(text: string, limits: ParseLimits = {}): LosslessJson {
  const maxDepth = limits.maxDepth ?? DEFAULT_MAX_DEPTH
  const maxLength = limits.maxLength ?? DEFAULT_MAX_LENGTH
  if (text.length > maxLength)
    throw new InputError(`JSON too large: ${text.length} characters`, 'input.too-large')
  let pos = 0

  const fail = (msg: string): never => {
    throw new InputError(`invalid JSON at offset ${pos}: ${msg}`, 'input.json')
  }
  const skipWs = () => {
    while (pos < text.length) {
      const c = text.charCodeAt(pos)
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) pos++
      else break
    }
  }

  const parseString = (): string => {
    // Fast path: find the closing quote and let JSON.parse decode escapes of that slice only.
    const start = pos
    pos++
    while (pos < text.length) {
      const c = text.charCodeAt(pos)
      if (c === 0x22) {
        pos++
        try {
          return JSON.parse(text.slice(start, pos)) as string
        } catch {
          return fail('bad string')
        }
      }
      if (c === 0x5c) pos += 2
      else if (c < 0x20) fail('control character in string')
      else pos++
    }
    return fail('unterminated string')
  }

  const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y
  const parseNumber = (): number | bigint => {
    NUMBER.lastIndex = pos
    const m = NUMBER.exec(text)
    if (!m) return fail('bad number')
    pos += m[0].length
    const raw = m[0]
    if (/^-?[0-9]+$/.test(raw)) {
      const n = Number(raw)
      return Number.isSafeInteger(n) ? n : BigInt(raw)
    }
    return Number(raw)
  }

  const parseValue = (depth: number): LosslessJson => {
    if (depth > maxDepth) fail('nested too deeply')
    skipWs()
    const c = text[pos]
    if (c === '{') {
      pos++
      const obj: { [k: string]: LosslessJson } = Object.create(null) as { [k: string]: LosslessJson }
      skipWs()
      if (text[pos] === '}') {
        pos++
        return { ...obj }
      }
      for (;;) {
        skipWs()
        if (text[pos] !== '"') fail('expected a key')
        const key = parseString()
        skipWs()
        if (text[pos] !== ':') fail('expected :')
        pos++
        obj[key] = parseValue(depth + 1)
        skipWs()
        if (text[pos] === ',') {
          pos++
          continue
        }
        if (text[pos] === '}') {
          pos++
          return { ...obj }
        }
        fail('expected , or }')
      }
    }
    if (c === '[') {
      pos++
      const arr: LosslessJson[] = []
      skipWs()
      if (text[pos] === ']') {
        pos++
        return arr
      }
      for (;;) {
        arr.push(parseValue(depth + 1))
        skipWs()
        if (text[pos] === ',') {
          pos++
          continue
        }
        if (text[pos] === ']') {
          pos++
          return arr
        }
        fail('expected , or ]')
      }
    }
    if (c === '"') return parseString()
    if (text.startsWith('true', pos)) {
      pos += 4
      return true
    }
    if (text.startsWith('false', pos)) {
      pos += 5
      return false
    }
    if (text.startsWith('null', pos)) {
      pos += 4
      return null
    }
    return parseNumber()
  }

  skipWs()
  const notJson = describeNonJson(text, pos)
  if (notJson) throw new InputError(notJson, 'input.json')
  const value = parseValue(0)
  skipWs()
  if (pos !== text.length) fail('trailing characters')
  return value
}

/** Characters a JSON document can start with (after whitespace): an object, array, string, number or literal. */
const JSON_START = /^[{["\-0-9tfn]/

/**
 * Says what the input is when it cannot be JSON at all — empty, binary, or text of another kind — so a user
 * who opened the wrong file reads "empty file", not "invalid JSON at offset 0: bad number".
 */
function describeNonJson(text: string, start: number): string | undefined {
  if (text.length === 0) return 'empty input (0 bytes), not JSON'
  if (start === text.length) return `only whitespace (${text.length} characters), not JSON`
  if (JSON_START.test(text.slice(start, start + 1))) return undefined
  const head = text.slice(start, start + 16)
  // Control characters other than whitespace: binary data; show its first bytes in hex.
  const isControl = (code: number) => code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d
  if (Array.from(head).some((ch) => isControl(ch.charCodeAt(0)))) {
    const hex = Array.from(head.slice(0, 8), (ch) => ch.charCodeAt(0).toString(16).padStart(2, '0')).join(' ')
    return `binary data, not JSON (starts with bytes ${hex})`
  }
  const line = head.split(/[\r\n]/)[0] ?? ''
  return `not JSON (starts with ${JSON.stringify(line)}${line.length < text.length - start ? '…' : ''})`
}

/** Bytes from a file or a response body, decoded as UTF-8 (with or without BOM) then parsed losslessly. */
export function parseJsonBytes(bytes: Uint8Array, limits?: ParseLimits): LosslessJson {
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes)
  } catch {
    throw new InputError('not UTF-8 text', 'input.encoding')
  }
  return parseJsonLossless(text, limits)
}

/** JSON.stringify that writes bigints as decimal strings (DESIGN.md §4: no precision loss in output). */
export function stringifyJson(value: unknown, space?: number): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), space)
}
