package org.styleatlas.engine.runtime;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Scalar operands for arithmetic that autograd differentiates.
 *
 * <p>DJL's {@code NDArray.mul(Number)}, {@code div(Number)}, {@code pow(Number)} and friends wrap
 * the number in a temporary tensor built over a Java direct buffer ({@code torch::from_blob}) and
 * close it as soon as the forward op returns. Autograd keeps that tensor for the backward pass, but
 * its memory belongs to the buffer, which the garbage collector may free and reuse before backward
 * runs: after a GC the gradients read garbage (measured: off by ~1e31, see {@code
 * GcStabilityTest}). Every scalar here is instead a torch-owned 0-d tensor ({@code torch::full})
 * attached to the operand's manager, so it lives exactly as long as the step that uses it.
 */
public final class Scalars {

  private Scalars() {}

  /** A 0-d tensor of {@code value} on {@code like}'s manager, device and data type. */
  public static NDArray of(NDArray like, double value) {
    return like.getManager().full(new Shape(), (float) value, like.getDataType(), like.getDevice());
  }

  /** {@code a · s}; shape of {@code a}. */
  public static NDArray mul(NDArray a, double s) {
    return a.mul(of(a, s));
  }

  /** {@code a / s}; shape of {@code a}. */
  public static NDArray div(NDArray a, double s) {
    return a.div(of(a, s));
  }

  /** {@code a + s}; shape of {@code a}. */
  public static NDArray add(NDArray a, double s) {
    return a.add(of(a, s));
  }

  /** {@code a − s}; shape of {@code a}. */
  public static NDArray sub(NDArray a, double s) {
    return a.sub(of(a, s));
  }

  /** {@code s − a}; shape of {@code a}. */
  public static NDArray rsub(NDArray a, double s) {
    return of(a, s).sub(a);
  }

  /** {@code a ^ s}, element-wise; shape of {@code a}. */
  public static NDArray pow(NDArray a, double s) {
    return a.pow(of(a, s));
  }

  /** {@code max(a, s)}, element-wise; shape of {@code a}. */
  public static NDArray maximum(NDArray a, double s) {
    return a.maximum(of(a, s));
  }

  /** {@code min(a, s)}, element-wise; shape of {@code a}. */
  public static NDArray minimum(NDArray a, double s) {
    return a.minimum(of(a, s));
  }
}
