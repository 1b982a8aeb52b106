//===- Status.h - Error values of the liquid runtime ------------*- C++ -*-===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//
//
// The runtime reports every failure as a value carrying a message that names
// what went wrong (the operand, the manifest field, the driver call), never
// by exception or abort: a serving process must survive a bad call.
//
//===----------------------------------------------------------------------===//

#ifndef LIQUID_RUNTIME_STATUS_H
#define LIQUID_RUNTIME_STATUS_H

#include <cassert>
#include <optional>
#include <string>
#include <utility>

namespace liquid::runtime {

/// Success, or an error with a message.
class [[nodiscard]] Status {
public:
  static Status success() { return Status(); }
  static Status error(std::string message) {
    Status s;
    s.failed = true;
    s.text = std::move(message);
    return s;
  }

  bool ok() const { return !failed; }
  explicit operator bool() const { return ok(); }
  const std::string &message() const { return text; }

private:
  bool failed = false;
  std::string text;
};

/// A value of type T, or the error that prevented computing it.
template <typename T> class [[nodiscard]] Expected {
public:
  Expected(T value) : value(std::move(value)) {}
  Expected(Status error) : status(std::move(error)) {
    assert(!status.ok() &&
           "an Expected built from a Status must hold an error");
  }

  bool ok() const { return value.has_value(); }
  explicit operator bool() const { return ok(); }
  const std::string &message() const { return status.message(); }
  /// The error as a Status (success when a value is held).
  const Status &error() const { return status; }

  T &operator*() { return *value; }
  const T &operator*() const { return *value; }
  T *operator->() { return &*value; }
  const T *operator->() const { return &*value; }
  /// Moves the value out; only valid when ok().
  T take() { return std::move(*value); }

private:
  std::optional<T> value;
  Status status;
};

} // namespace liquid::runtime

#endif // LIQUID_RUNTIME_STATUS_H
