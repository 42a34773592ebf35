import { headroom, type PacingController, type PacingDecision, type PacingSnapshot } from './controller.ts';

/** Keep `ratio` dials out per free robot slot (1.0 = never abandon, low occupancy; 3.0 = the classic over-dialer). */
export class FixedRatioController implements PacingController {
  readonly name: string;
  constructor(private readonly ratio: number) {
    this.name = `fixed${ratio}`;
  }

  decide(s: PacingSnapshot): PacingDecision {
    const target = Math.floor(this.ratio * Math.max(0, s.freeSlots));
    const dials = Math.min(headroom(s), Math.max(0, target - s.outstandingAgesS.length));
    return { dials, dialLevel: this.ratio };
  }
}
