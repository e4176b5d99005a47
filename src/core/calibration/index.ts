// Reviewer-bias calibration (additive model, regularised least squares by CG), NIH-style
// percentiles and Kendall's tau.
export {
  type CalibratedRow,
  type Calibration,
  type CalibrationOptions,
  calibrate,
  DEFAULT_CALIBRATION_OPTIONS,
  type ReviewScores,
  sideBySide,
} from './calibrate.ts';
export { kendallTau, kendallTauBrute, midRanks, nihPercentiles, type Percentiles } from './rank.ts';
