/* Trojan Source sample (early return, CVE-2021-42574) for tests/test_checks_trojan.py. */
#include <stdio.h>

static int balance = 100;

int withdraw(int amount) {
    /* Take the amount from the balance, then⁧ */ return 0;
    balance -= amount;
    return balance;
}
