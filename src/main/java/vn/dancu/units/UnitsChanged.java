package vn.dancu.units;

/**
 * Published after an import of unit lists has been stored and made visible (outside any
 * transaction of the import's own): units or successions changed, so what a unit maps to today
 * may have changed too.
 *
 * @param units       unit versions added or updated
 * @param successions successions added
 */
public record UnitsChanged(int units, int successions) {
}
