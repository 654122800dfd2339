/**
 * The batches part of the contract: method name -> { args: z.tuple([...]), result: schema }. Add the names to
 * BATCHES_METHODS in src/shared/methods.ts too (the compiler checks both lists agree).
 */
export const batchesApi = {} as const
