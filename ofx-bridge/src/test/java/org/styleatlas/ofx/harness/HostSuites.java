package org.styleatlas.ofx.harness;

import com.sun.jna.Function;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The memory, multithread, message and progress suites. */
final class HostSuites {
  private static final Logger LOG = LoggerFactory.getLogger(HostSuites.class);
  private static final ThreadLocal<Integer> THREAD_INDEX = new ThreadLocal<>();
  private static final Map<Long, ReentrantLock> MUTEXES = new ConcurrentHashMap<>();

  private HostSuites() {}

  static Pointer memory() {
    return Natives.suite(
        (Fn.PLP)
            (h, bytes, out) -> {
              long p = Native.malloc(Math.max(1, bytes));
              if (p == 0) return 8; // kOfxStatErrMemory
              out.setPointer(0, new Pointer(p));
              return Status.OK;
            },
        (Fn.P)
            p -> {
              Native.free(Pointer.nativeValue(p));
              return Status.OK;
            });
  }

  private static int runThreads(Pointer function, int count, Pointer arg) {
    Function f = Function.getFunction(function);
    int n = Math.max(1, count);
    Thread[] threads = new Thread[n];
    int[] results = new int[n];
    for (int i = 0; i < n; i++) {
      int index = i;
      threads[i] =
          new Thread(
              () -> {
                THREAD_INDEX.set(index);
                results[index] = f.invokeInt(new Object[] {index, n, arg});
              });
      threads[i].start();
    }
    for (Thread t : threads) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Status.FAILED;
      }
    }
    for (int r : results) if (r != Status.OK) return r;
    return Status.OK;
  }

  private static ReentrantLock mutex(Pointer h) {
    return MUTEXES.get(Pointer.nativeValue(h));
  }

  static Pointer multiThread() {
    return Natives.suite(
        (Fn.PIP) HostSuites::runThreads,
        (Fn.P)
            out -> {
              out.setInt(0, Runtime.getRuntime().availableProcessors());
              return Status.OK;
            },
        (Fn.P)
            out -> {
              Integer i = THREAD_INDEX.get();
              out.setInt(0, i == null ? 0 : i);
              return Status.OK;
            },
        (Fn.V) () -> THREAD_INDEX.get() == null ? 0 : 1,
        (Fn.PI)
            (out, lockCount) -> {
              ReentrantLock lock = new ReentrantLock();
              for (int i = 0; i < lockCount; i++) lock.lock();
              Pointer h = Handles.register(lock);
              MUTEXES.put(Pointer.nativeValue(h), lock);
              out.setPointer(0, h);
              return Status.OK;
            },
        (Fn.P)
            h -> MUTEXES.remove(Pointer.nativeValue(h)) == null ? Status.ERR_BAD_HANDLE : Status.OK,
        (Fn.P)
            h -> {
              mutex(h).lock();
              return Status.OK;
            },
        (Fn.P)
            h -> {
              mutex(h).unlock();
              return Status.OK;
            },
        (Fn.P) h -> mutex(h).tryLock() ? Status.OK : Status.FAILED);
  }

  /**
   * message(handle, type, id, format, ...): the shim formats with "%s", so the text is the first
   * vararg.
   */
  private static int message(Pointer h, Pointer type, Pointer format, Pointer arg) {
    String fmt = Natives.read(format);
    String text = "%s".equals(fmt) ? Natives.read(arg) : fmt;
    Effect e = Handles.lookup(h, Effect.class);
    LOG.info("plug-in message {}: {}", Natives.read(type), text);
    if (e != null) e.messages().add(new Effect.Message(Natives.read(type), text));
    return Status.OK;
  }

  static Pointer message() {
    return Natives.suite(
        (Fn.PPPPP) (h, type, id, format, arg) -> message(h, type, format, arg),
        (Fn.PPPPP) (h, type, id, format, arg) -> message(h, type, format, arg),
        (Fn.P) h -> Status.OK);
  }

  static Pointer progress() {
    return Natives.suite(
        (Fn.PPP)
            (h, label, id) ->
                Handles.lookup(h, Effect.class) == null ? Status.ERR_BAD_HANDLE : Status.OK,
        (Fn.PD)
            (h, value) ->
                Handles.with(
                    h,
                    Effect.class,
                    e -> {
                      e.progress().add(value);
                      return e.aborted() ? Status.REPLY_NO : Status.OK;
                    }),
        (Fn.P) h -> Status.OK);
  }
}
