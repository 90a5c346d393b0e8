package org.styleatlas.ofx.harness;

import com.sun.jna.Pointer;

/**
 * OfxParameterSuiteV1 over {@link ParamSet}s. Derivatives, integrals, copies and key edits are
 * unsupported.
 */
final class ParameterSuite {
  private ParameterSuite() {}

  private static int write(Pointer h, double t, Pointer a, Pointer b) {
    Param p = Handles.lookup(h, Param.class);
    if (p == null) return Status.ERR_BAD_HANDLE;
    Object v = p.valueAt(t);
    switch (p.type()) {
      case Param.STRING -> a.setPointer(0, Natives.string((String) v));
      case Param.DOUBLE -> a.setDouble(0, (Double) v);
      case Param.DOUBLE_2D -> {
        a.setDouble(0, ((double[]) v)[0]);
        b.setDouble(0, ((double[]) v)[1]);
      }
      case Param.PAGE -> {
        return Status.ERR_UNSUPPORTED;
      }
      default -> a.setInt(0, (Integer) v);
    }
    return Status.OK;
  }

  private static Object decode(Param p, long a, long b, double d0, double d1) {
    return switch (p.type()) {
      case Param.STRING -> Natives.read(new Pointer(a));
      case Param.DOUBLE -> d0;
      case Param.DOUBLE_2D -> new double[] {d0, d1};
      default -> (int) a;
    };
  }

  static Pointer create() {
    return Natives.suite(
        (Fn.PPPP)
            (set, type, name, out) -> {
              ParamSet s = Handles.lookup(set, ParamSet.class);
              if (s == null) return Status.ERR_BAD_HANDLE;
              Param p = s.define(Natives.read(type), Natives.read(name));
              if (p == null) return 6; // kOfxStatErrExists
              if (out != null) out.setPointer(0, p.props().handle());
              return Status.OK;
            },
        (Fn.PPPP)
            (set, name, outParam, outProps) -> {
              ParamSet s = Handles.lookup(set, ParamSet.class);
              Param p = s == null ? null : s.get(Natives.read(name));
              if (p == null) return s == null ? Status.ERR_BAD_HANDLE : Status.ERR_UNKNOWN;
              outParam.setPointer(0, p.handle());
              if (outProps != null) outProps.setPointer(0, p.props().handle());
              return Status.OK;
            },
        (Fn.PP) (set, out) -> Handles.answer(set, ParamSet.class, out, s -> s.props().handle()),
        (Fn.PP) (h, out) -> Handles.answer(h, Param.class, out, p -> p.props().handle()),
        (Fn.PPP) (h, a, b) -> write(h, 0, a, b),
        (Fn.PDPP) (h, t, a, b) -> write(h, t, a, b),
        (Fn.PDPP) (h, t, a, b) -> Status.ERR_UNSUPPORTED,
        (Fn.PDDPP) (h, t1, t2, a, b) -> Status.ERR_UNSUPPORTED,
        (Fn.PLLDD)
            (h, a, b, d0, d1) ->
                Handles.with(
                    h,
                    Param.class,
                    p -> {
                      p.set(decode(p, a, b, d0, d1));
                      return Status.OK;
                    }),
        (Fn.PDLLDD)
            (h, t, a, b, d0, d1) ->
                Handles.with(
                    h,
                    Param.class,
                    p -> {
                      p.setKey(t, decode(p, a, b, d0, d1));
                      return Status.OK;
                    }),
        (Fn.PP)
            (h, out) ->
                Handles.with(
                    h,
                    Param.class,
                    p -> {
                      out.setInt(0, p.numKeys());
                      return Status.OK;
                    }),
        (Fn.PIP)
            (h, nth, out) -> {
              Param p = Handles.lookup(h, Param.class);
              Double t = p == null ? null : p.keyTime(nth);
              if (t == null) return p == null ? Status.ERR_BAD_HANDLE : Status.ERR_BAD_INDEX;
              out.setDouble(0, t);
              return Status.OK;
            },
        (Fn.PDIP) (h, t, dir, out) -> Status.ERR_UNSUPPORTED,
        (Fn.PD) (h, t) -> Status.ERR_UNSUPPORTED,
        (Fn.P) h -> Status.ERR_UNSUPPORTED,
        (Fn.PPDP) (to, from, offset, range) -> Status.ERR_UNSUPPORTED,
        (Fn.PP) (set, name) -> Status.OK,
        (Fn.P) set -> Status.OK);
  }
}
