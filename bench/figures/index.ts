import type { Figure } from '../figure'
import { beaconUpdatesFigures } from './beaconUpdates'
import { zksProofFigure } from './zksProof'
import { verkleFigures } from './verkle'
import { mptProofsFigure } from './mptProofs'
import { plonkFigure } from './plonk'

/** Every figure `npm run bench` measures. A new figure is one file in this folder and one line here. */
export const FIGURES: Figure[] = [
  zksProofFigure,
  ...verkleFigures,
  mptProofsFigure,
  ...beaconUpdatesFigures,
  plonkFigure,
]
