// Asyncify's runtime as core-c/emu/fiber.c calls it: Binaryen replaces these
// imports with its own functions when it instruments the module, so they are
// never called; they are declared here only so that the link knows them.
mergeInto(LibraryManager.library, {
  start_unwind: function () { abort('asyncify.start_unwind was not lowered'); },
  stop_unwind: function () { abort('asyncify.stop_unwind was not lowered'); },
  start_rewind: function () { abort('asyncify.start_rewind was not lowered'); },
  stop_rewind: function () { abort('asyncify.stop_rewind was not lowered'); },
});
