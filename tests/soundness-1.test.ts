/**
 * Soundness of uncertainty (DESIGN.md §3), shard 1 of 2: a definite answer holds for every value the unknowns could
 * take, on its share of the random families (tests/harness/soundness-suite.ts says how).
 */
import { soundnessSuite } from './harness/soundness-suite.js';

soundnessSuite(1, 2);
