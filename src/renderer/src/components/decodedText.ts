/** Wei as ETH with every significant decimal (exact: bigint arithmetic, no floating point). */
export function formatEth(wei: string): string {
  if (!/^[0-9]+$/.test(wei)) return wei
  const v = BigInt(wei)
  const whole = v / 10n ** 18n
  const frac = (v % 10n ** 18n).toString().padStart(18, '0').replace(/0+$/, '')
  return `${whole}${frac ? '.' + frac : ''} ETH`
}

/** A decoded leaf value in words: `balance 0.2897… ETH`, `nonce 300`, `slot 3 = 0x…`. */
export function decodedText(d: Record<string, string | number> | undefined): string {
  if (!d) return ''
  const parts: string[] = []
  for (const [k, v] of Object.entries(d)) {
    if (k === 'balance') parts.push(`balance ${formatEth(String(v))}`)
    else if (k === 'slot') parts.push(`storage slot ${v}`)
    else if (k === 'chunk') parts.push(`code chunk ${v}`)
    else if (k === 'value') parts.push(`= ${String(v)}`)
    else parts.push(`${k} ${String(v)}`)
  }
  return parts.join(' · ')
}

/** 0x1234…abcd for long hex in narrow cells; the full value goes in the title. */
export function shortHex(hex: string, keep = 10): string {
  return hex.length > 2 * keep + 3 ? `${hex.slice(0, keep + 2)}…${hex.slice(-keep)}` : hex
}
