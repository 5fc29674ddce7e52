/** The columns that hand a ledger row back: no owner, no lease, touched now. */
export function handedBack(now = Date.now()) {
  return { claimed_by: null, lease_until: null, updated_at: now };
}
