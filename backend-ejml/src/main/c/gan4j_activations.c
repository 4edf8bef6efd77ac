/*
 * gan4j's sigmoid and tanh for the ejml backend: FastExp.java's float operations, in the same
 * order, compiled by GCC with its vectoriser (and a clone per instruction set: AVX-512, AVX2,
 * baseline SSE2), so the results are bit for bit FastExp's. Java's C2 cannot vectorise the
 * float-to-int step that builds 2^k, and the Vector API version of this loop sometimes boxes a
 * vector per iteration under Java 17; C has neither problem.
 *
 * Built by backend-ejml's pom (profile native-activations) with -ffp-contract=off, so that no
 * multiply-add is fused (Java never fuses), and without -ffast-math. Loaded by
 * NativeActivations.java on first use.
 */
#include <jni.h>
#include <stdint.h>
#include <string.h>

/* FastExp's constants, to the bit */
static const float LOG2E = 1.44269504088896341f;
static const float LN2_HI = 0.693359375f;
static const float LN2_LO = -2.12194440e-4f;
static const float ROUND = 12582912.0f;
static const float MIN_ARG = -87.3f;
static const float MAX_ARG = 88.3f;
static const float P0 = 1.9875691500e-4f;
static const float P1 = 1.3981999507e-3f;
static const float P2 = 8.3334519073e-3f;
static const float P3 = 4.1665795894e-2f;
static const float P4 = 1.6666665459e-1f;
static const float P5 = 5.0000001201e-1f;

/* Math.min(Math.max(v, MIN_ARG), MAX_ARG) with Java's NaN rule (NaN stays NaN) */
static inline float clamp(float v) {
    v = v < MIN_ARG ? MIN_ARG : v;
    return v > MAX_ARG ? MAX_ARG : v;
}

/* e^v = scale * (1 + q): FastExp.reduce, then 2^k from the bits */
static inline float expm1_parts(float v, float *scale) {
    float k = (v * LOG2E + ROUND) - ROUND;
    float r = v - k * LN2_HI - k * LN2_LO;
    float p = P0;
    p = p * r + P1;
    p = p * r + P2;
    p = p * r + P3;
    p = p * r + P4;
    p = p * r + P5;
    /* k is a whole number in [-126, 128) here, or NaN (then q is NaN too and the result NaN) */
    int32_t bits = ((k == k ? (int32_t) k : 0) + 127) << 23;
    memcpy(scale, &bits, sizeof *scale);
    return p * r * r + r;
}

__attribute__((target_clones("avx512f", "avx2", "default")))
static void sigmoid_loop(const float *x, float *y, int n) {
    for (int i = 0; i < n; i++) {
        float scale;
        float q = expm1_parts(clamp(-1.0f * x[i]), &scale);
        y[i] = 1.0f / (scale * q + scale + 1.0f);
    }
}

__attribute__((target_clones("avx512f", "avx2", "default")))
static void tanh_loop(const float *x, float *y, int n) {
    for (int i = 0; i < n; i++) {
        float scale;
        float q = expm1_parts(clamp(2.0f * x[i]), &scale);
        float em = scale * q + (scale - 1.0f);
        y[i] = em / (em + 2.0f);
    }
}

/* sigmoid(x + bias) row by row: the sum rounded to float first, as when the bias is added in its own pass */
__attribute__((target_clones("avx512f", "avx2", "default")))
static void sigmoid_bias_loop(const float *x, const float *bias, float *y, int n, int cols) {
    for (int base = 0; base < n; base += cols) {
        for (int j = 0; j < cols; j++) {
            float scale;
            float q = expm1_parts(clamp(-1.0f * (x[base + j] + bias[j])), &scale);
            y[base + j] = 1.0f / (scale * q + scale + 1.0f);
        }
    }
}

__attribute__((target_clones("avx512f", "avx2", "default")))
static void tanh_bias_loop(const float *x, const float *bias, float *y, int n, int cols) {
    for (int base = 0; base < n; base += cols) {
        for (int j = 0; j < cols; j++) {
            float scale;
            float q = expm1_parts(clamp(2.0f * (x[base + j] + bias[j])), &scale);
            float em = scale * q + (scale - 1.0f);
            y[base + j] = em / (em + 2.0f);
        }
    }
}

/* x and y may be the same array (in place): one pointer then serves both; each element is read before it is written */
static void run(JNIEnv *env, jfloatArray xa, jfloatArray ya, jint from, jint to,
                void (*loop)(const float *, float *, int)) {
    if ((*env)->IsSameObject(env, xa, ya)) {
        float *xy = (*env)->GetPrimitiveArrayCritical(env, xa, NULL);
        if (xy == NULL) return; /* OutOfMemoryError pending */
        loop(xy + from, xy + from, to - from);
        (*env)->ReleasePrimitiveArrayCritical(env, xa, xy, 0);
        return;
    }
    float *x = (*env)->GetPrimitiveArrayCritical(env, xa, NULL);
    if (x == NULL) return;
    float *y = (*env)->GetPrimitiveArrayCritical(env, ya, NULL);
    if (y == NULL) {
        (*env)->ReleasePrimitiveArrayCritical(env, xa, x, JNI_ABORT);
        return;
    }
    loop(x + from, y + from, to - from);
    (*env)->ReleasePrimitiveArrayCritical(env, ya, y, 0);
    (*env)->ReleasePrimitiveArrayCritical(env, xa, x, JNI_ABORT);
}

JNIEXPORT void JNICALL Java_dev_gan4j_backend_ejml_NativeActivations_sigmoid0(
        JNIEnv *env, jclass cls, jfloatArray x, jfloatArray y, jint from, jint to) {
    run(env, x, y, from, to, sigmoid_loop);
}

JNIEXPORT void JNICALL Java_dev_gan4j_backend_ejml_NativeActivations_tanh0(
        JNIEnv *env, jclass cls, jfloatArray x, jfloatArray y, jint from, jint to) {
    run(env, x, y, from, to, tanh_loop);
}

/* x, bias and y: y may be x (in place); bias is never y */
static void run_bias(JNIEnv *env, jfloatArray xa, jfloatArray ba, jfloatArray ya, jint n, jint cols,
                     void (*loop)(const float *, const float *, float *, int, int)) {
    jboolean same = (*env)->IsSameObject(env, xa, ya);
    float *x = (*env)->GetPrimitiveArrayCritical(env, xa, NULL);
    if (x == NULL) return;
    float *b = (*env)->GetPrimitiveArrayCritical(env, ba, NULL);
    if (b == NULL) {
        (*env)->ReleasePrimitiveArrayCritical(env, xa, x, JNI_ABORT);
        return;
    }
    float *y = same ? x : (*env)->GetPrimitiveArrayCritical(env, ya, NULL);
    if (y == NULL) {
        (*env)->ReleasePrimitiveArrayCritical(env, ba, b, JNI_ABORT);
        (*env)->ReleasePrimitiveArrayCritical(env, xa, x, JNI_ABORT);
        return;
    }
    loop(x, b, y, n, cols);
    if (!same) (*env)->ReleasePrimitiveArrayCritical(env, ya, y, 0);
    (*env)->ReleasePrimitiveArrayCritical(env, ba, b, JNI_ABORT);
    (*env)->ReleasePrimitiveArrayCritical(env, xa, x, same ? 0 : JNI_ABORT);
}

JNIEXPORT void JNICALL Java_dev_gan4j_backend_ejml_NativeActivations_sigmoidBias0(
        JNIEnv *env, jclass cls, jfloatArray x, jfloatArray bias, jfloatArray y, jint n, jint cols) {
    run_bias(env, x, bias, y, n, cols, sigmoid_bias_loop);
}

JNIEXPORT void JNICALL Java_dev_gan4j_backend_ejml_NativeActivations_tanhBias0(
        JNIEnv *env, jclass cls, jfloatArray x, jfloatArray bias, jfloatArray y, jint n, jint cols) {
    run_bias(env, x, bias, y, n, cols, tanh_bias_loop);
}
