import { pinClock } from "../helpers/clock";

// Every test file starts at the same instant, whatever the wall clock says (see helpers/clock.ts).
pinClock();
