import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { initCrypto } from '../../verifier/crypto/initCrypto'
import { App } from './App'
import './styles.css'

// Whatever the renderer verifies or hashes itself runs on the fast wasm backends once they load (noble until
// then). BLS stays noble here: the native blst backend is for Node, Electron main and worker threads.
void initCrypto()

const root = document.getElementById('root')
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  )
}
