package org.styleatlas.ofx.harness;

import com.sun.jna.Callback;
import com.sun.jna.Pointer;

/**
 * Native function shapes of the OFX suites, named by their argument types (P pointer, I int, L long
 * or size_t, D double). Varargs suite functions are declared with the registers their callers fill
 * on x86-64 System V: integer and pointer arguments in order, doubles in order.
 */
public final class Fn {
  private Fn() {}

  public interface V extends Callback {
    int call();
  }

  public interface P extends Callback {
    int call(Pointer a);
  }

  public interface PP extends Callback {
    int call(Pointer a, Pointer b);
  }

  public interface PPP extends Callback {
    int call(Pointer a, Pointer b, Pointer c);
  }

  public interface PPPP extends Callback {
    int call(Pointer a, Pointer b, Pointer c, Pointer d);
  }

  public interface PPPPP extends Callback {
    int call(Pointer a, Pointer b, Pointer c, Pointer d, Pointer e);
  }

  public interface PPIP extends Callback {
    int call(Pointer a, Pointer b, int c, Pointer d);
  }

  public interface PPID extends Callback {
    int call(Pointer a, Pointer b, int c, double d);
  }

  public interface PPII extends Callback {
    int call(Pointer a, Pointer b, int c, int d);
  }

  public interface PPDP extends Callback {
    int call(Pointer a, Pointer b, double c, Pointer d);
  }

  public interface PI extends Callback {
    int call(Pointer a, int b);
  }

  public interface PIP extends Callback {
    int call(Pointer a, int b, Pointer c);
  }

  public interface PD extends Callback {
    int call(Pointer a, double b);
  }

  public interface PDP extends Callback {
    int call(Pointer a, double b, Pointer c);
  }

  public interface PDIP extends Callback {
    int call(Pointer a, double b, int c, Pointer d);
  }

  public interface PDPP extends Callback {
    int call(Pointer a, double b, Pointer c, Pointer d);
  }

  public interface PDDPP extends Callback {
    int call(Pointer a, double b, double c, Pointer d, Pointer e);
  }

  public interface PLP extends Callback {
    int call(Pointer a, long b, Pointer c);
  }

  public interface PLLDD extends Callback {
    int call(Pointer a, long b, long c, double d, double e);
  }

  public interface PDLLDD extends Callback {
    int call(Pointer a, double t, long b, long c, double d, double e);
  }

  /** fetchSuite(host, name, version) returns a suite pointer. */
  public interface FetchSuite extends Callback {
    Pointer call(Pointer host, Pointer name, int version);
  }

  /** OfxThreadFunctionV1, called by the multithread suite. */
  public interface ThreadFunction extends Callback {
    int call(int index, int max, Pointer arg);
  }
}
