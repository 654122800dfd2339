import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import './styles.css'

// No crypto backends are loaded here: the renderer verifies nothing (main and the workers do), it only
// describes files and checks an address's EIP-55 spelling, which the noble reference lane does at once. Loading
// the wasm lanes would add ~630 kB (mcl-wasm, hash-wasm) to the bundle for no check.

const root = document.getElementById('root')
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  )
}
