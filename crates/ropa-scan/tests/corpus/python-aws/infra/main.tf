terraform {
  required_providers {
    aws = { source = "hashicorp/aws" }
  }
}

# Orders are stored in Ireland.
provider "aws" {
  region = "eu-west-1"
}

# Added in this change: a replica for the analytics team.
provider "aws" {
  alias  = "analytics"
  region = "us-east-1"
}

resource "aws_s3_bucket" "orders" {
  bucket = "orders-example"
}
