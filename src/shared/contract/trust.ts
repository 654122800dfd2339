/**
 * The trust part of the contract: method name -> { args: z.tuple([...]), result: schema }. Add the names to
 * TRUST_METHODS in src/shared/methods.ts too (the compiler checks both lists agree).
 */
export const trustApi = {} as const
