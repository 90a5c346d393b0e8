package org.styleatlas.engine.studio;

/** No job has this id (the HTTP API answers 404). */
public final class UnknownJobException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UnknownJobException(String id) {
    super("job " + id + ": no such job");
  }
}
