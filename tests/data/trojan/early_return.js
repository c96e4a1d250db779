// Trojan Source sample (early return, CVE-2021-42574) for tests/test_checks_trojan.py.
const balances = { alice: 100 };

function withdraw(account, amount) {
  /* Take the amount from the account, then⁧ */ return;
  balances[account] -= amount;
  return balances[account];
}
