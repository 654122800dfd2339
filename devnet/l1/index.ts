/**
 * The Ethereum L1 execution part of the test world (issue 10): a seeded state (accounts, contracts such as the
 * ZKsync diamond, a demo ERC-20), a chain of Prague blocks carrying the calls it is given, the beacon view of
 * each block, and a JSON-RPC server that can lie.
 */
export {
  buildL1World,
  DEFAULT_L1_CHAIN_ID,
  deriveAddress,
  deriveBytes,
  L1World,
  type AppendBlockOptions,
  type DemoErc20,
  type L1AccountSpec,
  type L1ContractSpec,
  type L1LogSpec,
  type L1TransactionSpec,
  type L1WorldSpec,
  type ParentBeaconRootSource,
  type StorageWrite,
} from './buildL1World'
export {
  DEMO_ERC20_CODE,
  DEMO_ERC20_DECIMALS,
  DEMO_ERC20_LAYOUT,
  DEMO_ERC20_NAME,
  DEMO_ERC20_SYMBOL,
  erc20BalanceSlot,
  type Erc20Holder,
} from './demoErc20'
export { executionPayloadOf, fullExecutionPayloadOf } from './executionPayload'
export {
  blockJson,
  blockLogsJson,
  encodeHeader,
  headerHash,
  receiptJson,
  transactionJson,
  type L1Block,
  type L1Header,
  type LogJson,
} from './l1Block'
export {
  createL1Rpc,
  L1_LIE_HELP,
  L1_LIES,
  startL1RpcServer,
  type L1Lie,
  type L1Rpc,
  type L1RpcOptions,
  type L1RpcServer,
  type L1RpcServerOptions,
} from './l1RpcServer'
export {
  EMPTY_CODE_HASH,
  L1State,
  normalizeAddress,
  normalizeSlot,
  type AccountState,
  type EthGetProofJson,
} from './l1State'
export { type SignedTransaction, type WorldReceipt } from './l1Transactions'
export {
  buildStorageTrie,
  buildTrie,
  encodeAccountLeaf,
  MerklePatriciaTrie,
  SecureTrie,
  type TrieEntry,
} from './stateTrie'
