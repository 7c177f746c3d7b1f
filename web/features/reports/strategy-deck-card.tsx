// The Service Management Strategy Framework deck (issue 8): a card to download it.
export function StrategyDeckCard() {
  return null;
}
