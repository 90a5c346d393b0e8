package org.styleatlas.ofx.harness;

/** OfxStatus values (OpenFX specification). */
public final class Status {
  public static final int OK = 0;
  public static final int FAILED = 1;
  public static final int ERR_UNKNOWN = 3;
  public static final int ERR_UNSUPPORTED = 5;
  public static final int ERR_BAD_HANDLE = 9;
  public static final int ERR_BAD_INDEX = 10;
  public static final int ERR_VALUE = 11;
  public static final int REPLY_NO = 13;
  public static final int REPLY_DEFAULT = 14;

  private Status() {}
}
