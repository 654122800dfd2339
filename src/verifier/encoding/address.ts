import { keccak_256 } from '../crypto/backends'

/**
 * EIP-55 mixed-case checksum of a 20-byte address given as 0x-hex (any case): a hex letter is upper case when
 * the matching nibble of keccak256(lowercase hex digits) is 8 or more. Throws on anything but 0x + 40 hex digits.
 */
export function toChecksumAddress(address: string): string {
  if (!/^0x[0-9a-fA-F]{40}$/.test(address))
    throw new Error(`not a 20-byte 0x-hex address: ${address.slice(0, 50)}`)
  const lower = address.slice(2).toLowerCase()
  const hash = keccak_256(new TextEncoder().encode(lower))
  let out = '0x'
  for (let i = 0; i < 40; i++) {
    const nibble = (hash[i >> 1]! >> (i % 2 === 0 ? 4 : 0)) & 0x0f
    out += nibble >= 8 ? lower[i]!.toUpperCase() : lower[i]!
  }
  return out
}
