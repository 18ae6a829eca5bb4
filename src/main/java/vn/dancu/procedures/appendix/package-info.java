/**
 * The procedures of Appendix I of Decision 06, one class each ({@link vn.dancu.procedures.Procedure}):
 * found by Spring and enabled by being here. Internal to the procedures module. How to add one:
 * docs/adding-a-procedure.md.
 */
package vn.dancu.procedures.appendix;
