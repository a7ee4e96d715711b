// What core-c/emu/fiber.c needs from JavaScript to run kernel threads as
// fibers in WebAssembly.
mergeInto(LibraryManager.library, {
  // Asyncify's runtime, called from C: Binaryen replaces these imports with
  // its own functions when it instruments the module, so they are never
  // called; they are declared here only so that the link knows them.
  start_unwind: function () { abort('asyncify.start_unwind was not lowered'); },
  stop_unwind: function () { abort('asyncify.stop_unwind was not lowered'); },
  start_rewind: function () { abort('asyncify.start_rewind was not lowered'); },
  stop_rewind: function () { abort('asyncify.stop_rewind was not lowered'); },

  // Runs the host's dispatch loop, which runs fibers until one switches back
  // to the host. A fiber that stops the run never resumes: it drops its stack
  // (and the loop's) by a throw, caught here, instead of saving it, so that
  // the code that can only stop is not instrumented. A string is thrown, not
  // an Error, so that no stack trace is taken.
  WdkmFiberRun: function (run, arg) {
    try {
      {{{ makeDynCall('vi', 'run') }}}(arg);
    } catch (e) {
      if (e !== 'wdkm-fiber-abandoned') throw e;
    }
  },
  WdkmFiberAbandon: function () {
    throw 'wdkm-fiber-abandoned';
  },
});
