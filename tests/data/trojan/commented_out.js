// Trojan Source sample (commented-out code, CVE-2021-42574) for tests/test_checks_trojan.py.
function deleteEverything(isAdmin) {
  let deleted = false;
  /*‮ } ⁦if (isAdmin)⁩ ⁦ admins only */
  deleted = true;
  /* end of admins only ‮ { ⁦*/
  return deleted;
}
