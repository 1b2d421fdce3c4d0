// @nudge-intrinsic: the compiler maps these functions onto the C runtime (codegen/runtime);
// the bodies below are what runs under Node, where the garbage collector makes them no-ops.
//
// Scratch memory for work whose results are mostly thrown away (parsing one calendar object to
// keep a task or two). Between scratchBegin() and scratchEnd() every allocation goes to the
// runtime's scratch arena, which the next scratchBegin() resets whole; so nothing allocated in
// scratch may be reachable from outside it after scratchEnd(), except through keepString().
// State that outlives one scratch session (reader buffers, counters) must be allocated before
// scratchBegin() and only be written with numbers and bytes while in scratch. Scratch does not
// nest; ASan builds poison the arena on reset, so a stale reference faults in the C tests.

/** Resets the scratch arena and makes it current; panics when already in scratch. */
export function scratchBegin(): void {}

/** Makes the arena that was current before scratchBegin() current again; the scratch objects stay readable until the next scratchBegin(). */
export function scratchEnd(): void {}

/** A copy of s in the arena that was current before scratchBegin() (s itself outside scratch). */
export function keepString(s: string): string {
  return s;
}

/**
 * keepString(s), except that the copy may be written over the storage of `dead`, a string that
 * keepString or keepStringOver returned earlier and that nothing will read again (its old text is
 * gone). Lets a bounded set of kept strings turn over without the outer arena growing.
 */
export function keepStringOver(s: string, dead: string): string {
  return s;
}

/** A copy of s in the current arena, so it outlives the arena s lives in (a carry into the other one). */
export function copyString(s: string): string {
  return s;
}

/** Makes the scratch arena current again without resetting it, to go on with work that scratchEnd() paused (nothing else may have used scratch since). */
export function scratchResume(): void {}
