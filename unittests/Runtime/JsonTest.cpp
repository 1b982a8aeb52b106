//===- JsonTest.cpp - Tests of the runtime's JSON reader and writer -------===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//

#include "liquid/Runtime/Json.h"

#include "gtest/gtest.h"

using namespace liquid::runtime;
using json::Value;

namespace {

TEST(JsonTest, ParsesScalarsArraysAndObjects) {
  auto v = json::parse(R"( {"a": 1, "b": [true, false, null], "c": "x",
                            "d": -2.5e2, "e": {}} )");
  ASSERT_TRUE(v.ok()) << v.message();
  ASSERT_TRUE(v->isObject());
  EXPECT_TRUE(v->find("a")->isInteger());
  EXPECT_EQ(v->find("a")->asInteger(), 1);
  const Value::Array &b = v->find("b")->asArray();
  ASSERT_EQ(b.size(), 3u);
  EXPECT_TRUE(b[0].asBool());
  EXPECT_FALSE(b[1].asBool());
  EXPECT_TRUE(b[2].isNull());
  EXPECT_EQ(v->find("c")->asString(), "x");
  EXPECT_FALSE(v->find("d")->isInteger());
  EXPECT_DOUBLE_EQ(v->find("d")->asNumber(), -250.0);
  EXPECT_TRUE(v->find("e")->isObject());
  EXPECT_EQ(v->find("missing"), nullptr);
}

TEST(JsonTest, KeepsLargeIntegersExact) {
  auto v = json::parse("[9007199254740993, -9223372036854775808, 1e3]");
  ASSERT_TRUE(v.ok()) << v.message();
  EXPECT_EQ(v->asArray()[0].asInteger(), 9007199254740993LL);
  EXPECT_EQ(v->asArray()[1].asInteger(), INT64_MIN);
  EXPECT_FALSE(v->asArray()[2].isInteger());
  // Beyond int64: a double, not an integer.
  auto big = json::parse("18446744073709551616");
  ASSERT_TRUE(big.ok());
  EXPECT_FALSE(big->isInteger());
}

TEST(JsonTest, DecodesEscapes) {
  auto v = json::parse(R"("a\"b\\c\/d\n\t\u00e9\ud83d\ude00")");
  ASSERT_TRUE(v.ok()) << v.message();
  EXPECT_EQ(v->asString(), "a\"b\\c/d\n\t\xC3\xA9\xF0\x9F\x98\x80");
}

TEST(JsonTest, ReportsErrorsWithLineAndColumn) {
  auto v = json::parse("{\n  \"a\": 1,\n  \"b\" 2\n}");
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.message(),
            "JSON error at line 3, column 7: expected ':' after an object key");

  struct Case {
    const char *text;
    const char *message;
  } cases[] = {
      {"", "expected"},
      {"[1, 2", "expected ',' or ']'"},
      {"{\"a\": 1,}", "expected a string key"},
      {"{\"a\": 1, \"a\": 2}", "duplicate key 'a'"},
      {"01", "unexpected text after the JSON value"},
      {"-", "expected digits"},
      {"1.", "expected digits after '.'"},
      {"tru", "invalid literal"},
      {"\"abc", "unterminated string"},
      {"\"\\x\"", "invalid escape"},
      {"\"\\ud800\"", "unpaired UTF-16 surrogate"},
      {"[1] [2]", "unexpected text"},
      {"[", "unexpected end of input"},
      {"{\"a\": 1 \"b\": 2}", "expected ',' or '}' in an object"},
      {"[1 2]", "expected ',' or ']' in an array"},
      {"\"\\u12\"", "truncated \\u escape"},
      {"\"\\u12G4\"", "invalid hex digit in \\u escape"},
      {"\"a\x01\"", "control character in a string"},
      {"1e", "expected digits in an exponent"},
  };
  for (const Case &c : cases) {
    auto r = json::parse(c.text);
    ASSERT_FALSE(r.ok()) << c.text;
    EXPECT_NE(r.message().find(c.message), std::string::npos)
        << c.text << " gave: " << r.message();
  }
}

TEST(JsonTest, RefusesDeepNesting) {
  std::string deep(1000, '[');
  auto r = json::parse(deep);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.message().find("nesting deeper than"), std::string::npos);
}

TEST(JsonTest, DumpsAndReadsBack) {
  Value v = Value::makeObject();
  v.set("name", "H100 \"SXM\"\n");
  v.set("n", int64_t(4096));
  v.set("ratio", 1.5);
  v.set("third", 1.0 / 3.0);
  v.set("list", Value::makeArray({Value(1), Value(2), Value("M")}));
  Value nested = Value::makeObject();
  nested.set("ok", true);
  nested.set("none", Value());
  v.set("nested", nested);
  v.set("n", int64_t(8192)); // replaces, keeps the position

  std::string text = v.dump();
  EXPECT_NE(text.find("\"list\": [1, 2, \"M\"]"), std::string::npos) << text;
  EXPECT_LT(text.find("\"n\""), text.find("\"ratio\""));
  auto back = json::parse(text);
  ASSERT_TRUE(back.ok()) << back.message();
  EXPECT_EQ(back->find("name")->asString(), "H100 \"SXM\"\n");
  EXPECT_EQ(back->find("n")->asInteger(), 8192);
  EXPECT_EQ(back->find("third")->asNumber(), 1.0 / 3.0);
  EXPECT_TRUE(back->find("nested")->find("ok")->asBool());
  EXPECT_EQ(back->dump(), text);
}

TEST(JsonTest, WritesNonFiniteNumbersAsNull) {
  Value v = Value::makeArray({Value(1.0 / 0.0), Value(0.25)});
  EXPECT_EQ(v.dump(), "[null, 0.25]");
}

} // namespace
