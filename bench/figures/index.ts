import type { Figure } from '../figure'
import { batchesJobsFigure } from './batchesJobs'
import { daBlobCheckFigure, daBlobCommitmentFigure } from './dataAvailability'
import { beaconUpdatesFigures } from './beaconUpdates'
import { fflonkFigure } from './fflonk'
import { mptProofsFigure } from './mptProofs'
import { plonkFigure } from './plonk'
import { verkleFigures } from './verkle'
import { zksProofFigure } from './zksProof'
import { zksyncBatchFigure } from './zksyncBatch'

/** Every figure `npm run bench` measures. A new figure is one file in this folder and one line here. */
export const FIGURES: Figure[] = [
  zksProofFigure,
  ...verkleFigures,
  mptProofsFigure,
  ...beaconUpdatesFigures,
  plonkFigure,
  fflonkFigure,
  zksyncBatchFigure,
  daBlobCommitmentFigure,
  daBlobCheckFigure,
  batchesJobsFigure,
]
