/**
 * The l1 part of the contract: method name -> { args: z.tuple([...]), result: schema }. Add the names to
 * L1_METHODS in src/shared/methods.ts too (the compiler checks both lists agree).
 */
export const l1Api = {} as const
